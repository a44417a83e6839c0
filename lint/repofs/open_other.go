//go:build !unix

package repofs

// openFlags are added to every open; outside Unix there are no FIFOs that
// block an open, and none are needed.
const openFlags = 0
