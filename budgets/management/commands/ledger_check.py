from django.core.management.base import BaseCommand, CommandError

from budgets.ledger import check_invariants


class Command(BaseCommand):
    help = "Check every ledger invariant; exit non-zero on any breach."

    def handle(self, *args, **options):
        problems = check_invariants()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"The ledger has {len(problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS("The ledger is consistent."))
