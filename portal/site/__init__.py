"""The site itself: the home page, the signed-in dashboard, the health check, the language
switch and the extra days off of the working-day calendar."""
