"""The foundations every other part reads: spans, the annotation format and its JSON Schemas, the layer
registry, the codebook, YAML reading and the package's paths.
"""
