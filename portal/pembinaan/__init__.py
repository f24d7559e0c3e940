"""Pembinaan: the follow-up stage after the rating (DOMAIN.md "Follow-up"). Today: competency
development (``kompetensi``): the training catalogue, participation, self-reported learning and
the yearly JP count. Coaching plans, rewards and the public figures come next, beside it."""
