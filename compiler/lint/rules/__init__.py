"""One module per lint rule; `compiler.lint.registry` gives each its code."""
