"""Real year pairs: reports of the same agency for consecutive years, with hand verdicts (manifest.yaml)."""
