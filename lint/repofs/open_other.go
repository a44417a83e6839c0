//go:build !unix

package repofs

// openFlags are added to every open; outside Unix there are no FIFOs that
// block an open, and none are needed.
const openFlags = 0

// noFollow is 0 where opens have no such flag; ReplaceFile's Lstat of
// every component still refuses links.
const noFollow = 0
