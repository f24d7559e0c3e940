"""Peer feedback asked by the pejabat penilai from colleagues."""
