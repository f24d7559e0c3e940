"""The staff desks (meja) for complaints: the koordinator verifies, routes and merges; the
OPD's petugas plans, answers, classifies and ties a complaint to the staff it concerns."""
