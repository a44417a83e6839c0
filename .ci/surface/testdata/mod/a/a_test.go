package a_test

import (
	"testing"

	"example.com/m/a"
)

func TestOwn(t *testing.T) {
	a.OnlyOwnTest()
	a.Unused()
}
