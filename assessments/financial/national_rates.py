"""England's national charging figures by financial year, each with where it came from.

Data, not rules: a council's own rates for a year (`ChargingRates`) start from these and the
council may be more generous, never less (a higher Minimum Income Guarantee, higher capital
limits, a larger tariff step). Pure Python, no database.

Only figures confirmed from a named source are here. A figure we could not confirm is left out,
never guessed: the council's administrator enters it from that year's circular before the year's
rates can be checked and used. Financial years run 1 April to 31 March (the local authority
circulars' years). The amendment regulations that change the Minimum Income Guarantee came into
force on 6 April in 2023; the service applies a year's rates from 1 April, which gives people the
(higher) new amounts five days earlier and never charges anyone more.
"""

from dataclasses import dataclass, field
from decimal import Decimal

NATIONAL_LOWER_CAPITAL_LIMIT = Decimal("14250.00")
NATIONAL_UPPER_CAPITAL_LIMIT = Decimal("23250.00")
NATIONAL_TARIFF_STEP = Decimal("250.00")

BASE, PREMIUM = "base", "premium"

# Every amount a council's rates list, in the order the pages show them (regulation 7 of the
# Care and Support (Charging and Assessment of Resources) Regulations 2014).
SINGLE_18_24 = "Single, aged 18 to 24"
SINGLE_25_PCA = "Single, aged 25 to Pension Credit age"
SINGLE_PCA = "Single, Pension Credit age or over"
LONE_PARENT = "Lone parent, aged 18 or over"
COUPLE_18 = "Member of a couple, aged 18 or over"
COUPLE_PCA = "Member of a couple, one or both Pension Credit age or over"
DISABILITY_SINGLE = "Disability premium, single"
DISABILITY_COUPLE = "Disability premium, member of a couple"
ENHANCED_SINGLE = "Enhanced disability premium, single"
ENHANCED_COUPLE = "Enhanced disability premium, member of a couple"
CARER = "Carer premium"
CHILD = "Each child in the household"

LABELS: tuple[tuple[str, str], ...] = (
    (SINGLE_18_24, BASE),
    (SINGLE_25_PCA, BASE),
    (SINGLE_PCA, BASE),
    (LONE_PARENT, BASE),
    (COUPLE_18, BASE),
    (COUPLE_PCA, BASE),
    (DISABILITY_SINGLE, PREMIUM),
    (DISABILITY_COUPLE, PREMIUM),
    (ENHANCED_SINGLE, PREMIUM),
    (ENHANCED_COUPLE, PREMIUM),
    (CARER, PREMIUM),
    (CHILD, PREMIUM),
)
KIND_OF = dict(LABELS)


@dataclass(frozen=True)
class Source:
    """Where figures came from: a name a person can look up, and its address."""

    name: str
    url: str


@dataclass(frozen=True)
class NationalYear:
    """The national figures for one financial year that a source confirms."""

    year: int  # the year it starts: 2025 = 2025/26
    source: Source  # the year's circular or regulations
    amounts: dict[str, tuple[Decimal, Source]] = field(default_factory=dict)
    savings_credit_single: tuple[Decimal, Source] | None = None
    savings_credit_couple: tuple[Decimal, Source] | None = None

    @property
    def missing(self) -> list[str]:
        """The amounts we could not confirm: the council enters them from the circular."""
        return [label for label, _ in LABELS if label not in self.amounts]

    def amount(self, label: str) -> Decimal | None:
        found = self.amounts.get(label)
        return found[0] if found else None


SI_2023_277 = Source(
    "The Care and Support (Charging and Assessment of Resources) (Amendment) Regulations 2023 "
    "(SI 2023/277), regulation 2(3)",
    "https://www.legislation.gov.uk/uksi/2023/277/made",
)
LAC_2024 = Source(
    "Social care charging for local authorities: 2024 to 2025, local authority circular "
    "(Department of Health and Social Care, 9 February 2024)",
    "https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-"
    "2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular",
)
WSCC_2024 = Source(
    "West Sussex County Council, Paying for non-residential care: the Minimum Income "
    "Guarantee for 2024 to 2025 (quoting the national amounts)",
    "https://www.westsussexconnecttosupport.org/adult-social-care-publications/"
    "paying-for-non-residential-care/definitions-of-the-terms-used-in-this-booklet/",
)
SAVINGS_CREDIT_2024 = Source(
    "The 2024 to 2025 circular's savings credit disregards (£6.50 to £6.95 single, £9.75 to "
    "£10.40 couple), as reported by Care Aware, 'Inflationary increases to allowances'",
    "https://www.careawareias.co.uk/post/inflationary-increases-to-allowances",
)
LAC_2025 = Source(
    "Social care charging for care and support 2025 to 2026: local authority circular "
    "(Department of Health and Social Care, 3 February 2025)",
    "https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-"
    "2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular",
)
RUILS_2025 = Source(
    "Bright Futures @Ruils, '2025/2026 Benefit and Minimum Income Guarantee rates' (19 May "
    "2025), quoting the 2025 to 2026 circular",
    "https://ruils.co.uk/article/2025-2026-benefit-and-minimum-income-guarantee-rates",
)


def _money(text: str) -> Decimal:
    return Decimal(text)


NATIONAL_YEARS: dict[int, NationalYear] = {
    2023: NationalYear(
        year=2023,
        source=SI_2023_277,
        amounts={
            SINGLE_18_24: (_money("82.15"), SI_2023_277),
            SINGLE_25_PCA: (_money("103.65"), SI_2023_277),
            SINGLE_PCA: (_money("214.35"), SI_2023_277),
            CHILD: (_money("94.90"), SI_2023_277),
        },
        savings_credit_single=(_money("6.50"), SAVINGS_CREDIT_2024),
        savings_credit_couple=(_money("9.75"), SAVINGS_CREDIT_2024),
    ),
    2024: NationalYear(
        year=2024,
        source=LAC_2024,
        amounts={
            SINGLE_18_24: (_money("87.65"), WSCC_2024),
            SINGLE_25_PCA: (_money("110.60"), WSCC_2024),
            SINGLE_PCA: (_money("228.70"), WSCC_2024),
        },
        savings_credit_single=(_money("6.95"), SAVINGS_CREDIT_2024),
        savings_credit_couple=(_money("10.40"), SAVINGS_CREDIT_2024),
    ),
    2025: NationalYear(
        year=2025,
        source=LAC_2025,
        amounts={
            SINGLE_18_24: (_money("89.15"), RUILS_2025),
            SINGLE_25_PCA: (_money("112.50"), RUILS_2025),
            DISABILITY_SINGLE: (_money("49.65"), RUILS_2025),
            ENHANCED_SINGLE: (_money("24.25"), RUILS_2025),
        },
    ),
}


def national_year(year: int) -> NationalYear | None:
    """The national figures we hold for a financial year, or None if we hold none."""
    return NATIONAL_YEARS.get(year)


def national_amount(year: int, label: str) -> Decimal | None:
    """The confirmed national amount for a label in a year, or None if we do not know it."""
    found = national_year(year)
    return found.amount(label) if found else None


def year_label(year: int) -> str:
    """2025 -> '2025/26'."""
    return f"{year}/{(year + 1) % 100:02d}"
