"""Unit staff's screens (DESIGN §2-§4): register a model, register it again, edit, move it through the
workflow, self-assess, close the year, attach evidence. One module per screen."""
