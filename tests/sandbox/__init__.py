"""storefronts.testing: the sandbox vendor servers."""
