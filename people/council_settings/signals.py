"""Signals other apps listen to, so people need not import them.

council_settings_changed is sent inside the change's database transaction, once the new row is
recorded (settings=the CouncilSettings row, in force from its effective_from)."""

from django.dispatch import Signal

council_settings_changed = Signal()  # settings=CouncilSettings
