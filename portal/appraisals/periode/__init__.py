"""Performance years and periods of a pemda, opened and managed by the admin pemda."""
