"""The SOP cycle after signing: monitoring, evaluation, forms, QR codes and the checklist mode."""
