"""What templates see: validated content joined up, translated, rendered and linked."""
