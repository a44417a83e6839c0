package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// parseJSON reads a members file in JSON: a list of objects whose values
// are strings or null (personalization may also be a boolean), token by
// token, so that every error has the position of the token it is about.
func (p *membersParser) parseJSON() error {
	dec := json.NewDecoder(bytes.NewReader(p.data))
	// numbers stay their text: converting one to float64 fails on a long
	// one, with an error that quotes it
	dec.UseNumber()
	// next is the offset of the token the decoder will return next.
	next := func() int {
		off := int(dec.InputOffset())
		for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
			off++
		}
		return off
	}
	token := func() (json.Token, int, error) {
		off := next()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, off, p.errAtOffset(len(p.data), "unexpected end of JSON: a list or object is not closed")
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, off, p.errAtOffset(int(se.Offset), "%s", se.Error())
		}
		if err != nil {
			return nil, off, p.errAtOffset(off, "%s", escape.JSONError(err))
		}
		return tok, off, nil
	}

	if len(bytes.TrimSpace(p.data)) == 0 {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	tok, off, err := token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return p.errAtOffset(off, "want a list of members, found %s", membersJSONKind(tok))
	}
	for dec.More() {
		tok, off, err := token()
		if err != nil {
			return err
		}
		if tok != json.Delim('{') {
			return p.errAtOffset(off, "member %d is %s, not an object with keys like \"first_name\"", len(p.members)+1, membersJSONKind(tok))
		}
		line, col := fileLineCol(p.data, off)
		m, err := p.add(line, col)
		if err != nil {
			return err
		}
		var seen memberKeySet
		for dec.More() {
			tok, keyOff, err := token()
			if err != nil {
				return err
			}
			key := tok.(string) // the decoder only returns strings in key position
			f, msg := lookupMemberField(key, "key")
			if msg == "" {
				msg = seen.check(f, key, "key")
			}
			if msg != "" {
				return p.errAtOffset(keyOff, "%s", msg)
			}
			tok, valOff, err := token()
			if err != nil {
				return err
			}
			var v string
			switch tv := tok.(type) {
			case string:
				v = tv
			case nil: // null: no value
			case bool:
				if f != memberPersonalization && f != memberIgnored {
					return p.errAtOffset(valOff, "%s must be a string, not a boolean", memberKeyText(key))
				}
				v = strconv.FormatBool(tv)
			default: // a number, or the start of an object or list
				_, isDelim := tok.(json.Delim)
				switch {
				case f == memberIgnored && !isDelim:
					continue // an id may well be a number
				case f == memberPersonalization:
					return p.errAtOffset(valOff, "%s must be true, false, \"on\" or \"off\", not %s", memberKeyText(key), membersJSONKind(tok))
				default:
					return p.errAtOffset(valOff, "%s must be a string, not %s", memberKeyText(key), membersJSONKind(tok))
				}
			}
			if msg := m.set(f, v); msg != "" {
				return p.errAtOffset(valOff, "%s", msg)
			}
		}
		if _, _, err := token(); err != nil { // '}'
			return err
		}
	}
	if _, _, err := token(); err != nil { // ']'
		return err
	}
	if off := next(); off < len(p.data) {
		return p.errAtOffset(off, "unexpected text after the list of members")
	}
	if len(p.members) == 0 {
		return p.errAtOffset(off, "no members: the list is empty")
	}
	return nil
}

func membersJSONKind(tok json.Token) string {
	switch tok := tok.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case json.Delim:
		if tok == '{' {
			return "an object"
		}
		return "a list"
	default:
		return "a number"
	}
}
