"""Shipped voice profiles (TOML); installed as the ``readaloud.voices`` package."""
