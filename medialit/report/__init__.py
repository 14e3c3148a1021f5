"""Reports on a graded class: difficulty, missed passages, heatmaps and agreement."""
