//go:build acceptgen

package check

// Under the acceptgen tag the package builds without accept_gen.go, for
// TestAcceptGenerated to write it (go generate): every shape's gen is then
// acceptsSlow, which interprets it.
