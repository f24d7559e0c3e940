"""From the public's voice to action (issue 10, deliverable 5): the weakest SKM unsur of each
service and the complaint categories that recur, the catalogue activities mapped to them, and
the planned activity for the service's staff that follows."""
