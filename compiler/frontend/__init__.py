"""Front end: Markdown spec -> `compiler.ast.SpecFile`."""

from compiler.frontend.markdown import feature_of, parse_spec

__all__ = ["feature_of", "parse_spec"]
