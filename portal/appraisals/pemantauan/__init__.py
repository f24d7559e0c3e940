"""Monitoring for admin OPD and admin pemda: completion, distribution, calibration, exports."""
