//go:build acceptgen

package check

// Under the acceptgen tag the package builds without accept_gen.go, for
// TestAcceptGenerated to write it (go generate): every shape then has no
// gen, and accepts interprets it.
