"""The outlook: probability of agreement by a date (see :mod:`detente.deal_outlook.run`).

It combines the decision rule, the negotiation simulator and the crisis game, each with its method
and interval.
"""

from __future__ import annotations

from detente.deal_outlook.estimate import Estimate
from detente.deal_outlook.run import Outlook, OutlookError, check_pool, outlook

__all__ = ["Estimate", "Outlook", "OutlookError", "check_pool", "outlook"]
