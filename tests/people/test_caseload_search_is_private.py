"""Issue 10 item 7: what staff type into the caseload search (names, postcodes, NHS numbers)
never goes into an address, where access logs and browser history would keep it."""

from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory

URL = reverse("people:caseload")


def _search(client, query):
    return client.post(URL, {"q": query})


def test_the_words_are_posted_and_the_results_address_holds_only_a_key(
    client, social_worker, person
):
    client.force_login(social_worker)
    response = _search(client, "Okafor NS1 4AB")
    location = response["Location"]
    assert response.status_code == 302 and location.startswith(URL + "?search=")
    assert "Okafor" not in location and "NS1" not in location and "q=" not in location
    page = client.get(location).text
    assert 'value="Okafor NS1 4AB"' in page
    assert 'method="post"' in page


def test_another_session_cannot_read_the_search_from_its_key(
    client, social_worker, person, council
):
    client.force_login(social_worker)
    location = _search(client, "Samuel")["Location"]
    colleague = Client()
    colleague.force_login(social_worker)  # a second session, even for the same account
    page = colleague.get(location, follow=True).text
    assert "That search has ended. Search again" in page
    assert 'value="Samuel"' not in page


def test_pages_of_results_keep_the_search_by_its_key(client, social_worker, council):
    for number in range(30):
        PersonFactory(local_authority=council, first_name="Ann", last_name=f"Smith{number:02}")
    client.force_login(social_worker)
    location = _search(client, "Smith")["Location"]
    first = client.get(location).text
    assert "30 people" in first and "Page 1 of 2" in first
    key = location.split("search=")[1]
    pagination = first.split("govuk-pagination")[1]
    assert f"?search={key}&amp;page=2" in first and "Smith" not in pagination
    second = client.get(location + "&page=2").text
    assert "Page 2 of 2" in second and "Smith29" in second


def test_an_empty_search_shows_everyone_and_too_long_a_search_says_how_to_fix_it(
    client, social_worker, person
):
    client.force_login(social_worker)
    assert _search(client, "   ")["Location"] == URL
    response = _search(client, "x" * 101)
    assert response.status_code == 200
    assert "Search for 100 characters or fewer" in response.text
    assert response.text.count("There is a problem") == 1
    assert "<title>Error: Caseload" in response.text
