// Placeholder: this target is being built. See the issues.
