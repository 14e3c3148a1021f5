"""Reports on a graded class: what to reteach, who needs help, skills across lessons, difficulty,
missed passages, heatmaps and agreement (``medialit report``; see :mod:`medialit.report.class_report`)."""
