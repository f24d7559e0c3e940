"""The pejabat penilai's review: the queue, approving and returning."""
