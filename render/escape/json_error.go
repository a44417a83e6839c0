package escape

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// maxErrorText is the most bytes of an error's own text JSONError keeps.
const maxErrorText = 200

// JSONError is an error of encoding/json worded for a message: the text
// with what it quotes of the input reduced to what is bounded. A type
// error names the value it met by kind and, for a number, its digits,
// which a file can make any length ("cannot unmarshal number 1111…"), and
// the path of object keys that led to it, which the file writes too: both
// are left out. A syntax error names one character, already escaped by
// Go. Anything else is cut at maxErrorText bytes. Control characters are
// escaped.
func JSONError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		kind, _, _ := strings.Cut(te.Value, " ")
		typ := "a Go value"
		if te.Type != nil {
			typ = "Go value of type " + te.Type.String()
		}
		return Controls("json: cannot unmarshal " + kind + " into " + typ)
	}
	msg := err.Error()
	if len(msg) > maxErrorText {
		cut := maxErrorText
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return Controls(msg)
}
