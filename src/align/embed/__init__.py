"""Sentence encoders behind one small interface (see `base.Encoder`)."""
