package render

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// parseCSV reads a members file in CSV (encoding/csv): a header row that
// names the fields, then a member per row; rows that are entirely blank
// are skipped. ParseMembers has the rules every format shares.
func (p *membersParser) parseCSV() error {
	// Old Mac spreadsheets end rows with a lone CR, which encoding/csv does
	// not take for a line break: make it one. The bytes keep their
	// offsets, so positions in errors stay right.
	if i := bytes.IndexByte(p.data, '\r'); i >= 0 {
		data := bytes.Clone(p.data)
		for k := i; k < len(data); k++ {
			if data[k] == '\r' && (k+1 == len(data) || data[k+1] != '\n') {
				data[k] = '\n'
			}
		}
		p.data = data
	}
	r := csv.NewReader(bytes.NewReader(p.data))
	r.Comma = csvDelimiter(p.data)
	r.FieldsPerRecord = -1 // ragged rows get our own message
	header, err := r.Read()
	if err == io.EOF {
		return p.errAt(0, 0, "no members: the file is empty")
	}
	if err != nil {
		return p.csvError(err)
	}
	cols := make([]memberField, len(header))
	var seen memberKeySet
	for i, h := range header {
		line, col := p.csvPos(r, i)
		f, msg := lookupMemberField(h, "column")
		if msg == "" {
			msg = seen.check(f, h, "column")
		}
		if msg != "" {
			return p.errAt(line, col, "%s", msg)
		}
		cols[i] = f
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return p.csvError(err)
		}
		line, _ := r.FieldPos(0)
		if membersBlankRecord(rec) {
			continue
		}
		if len(rec) != len(header) {
			fields := "fields"
			if len(rec) == 1 {
				fields = "field"
			}
			return p.errAt(line, 0, "row has %d %s, the header has %d", len(rec), fields, len(header))
		}
		m, err := p.add(line, 0)
		if err != nil {
			return err
		}
		for i, v := range rec {
			if msg := m.set(cols[i], v); msg != "" {
				line, col := p.csvPos(r, i)
				return p.errAt(line, col, "%s", msg)
			}
		}
	}
	if len(p.members) == 0 {
		return p.errAt(0, 0, "no members: add rows below the header")
	}
	return nil
}

func membersBlankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvPos is the position of field i of the record just read, with the
// column in code points rather than encoding/csv's bytes.
func (p *membersParser) csvPos(r *csv.Reader, i int) (line, col int) {
	line, byteCol := r.FieldPos(i)
	return line, p.runeCol(line, byteCol)
}

// runeCol converts a 1-based byte column on a 1-based line to code points.
// encoding/csv names the column after the line's break when a quoted field
// is still open at the end of the file: that is the end of the line.
func (p *membersParser) runeCol(line, byteCol int) int {
	start := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(p.data[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	lineEnd := len(p.data)
	if i := bytes.IndexByte(p.data[start:], '\n'); i >= 0 {
		lineEnd = start + i
		if i > 0 && p.data[lineEnd-1] == '\r' {
			lineEnd--
		}
	}
	end := min(start+max(byteCol, 1)-1, lineEnd)
	return utf8.RuneCount(p.data[start:end]) + 1
}

func (p *membersParser) csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return p.errAt(0, 0, "%v", err)
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg += `: put the field in double quotes and write a quote inside it as ""`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg += `: close the quoted field, and write a quote inside it as ""`
	}
	return p.errAt(pe.Line, p.runeCol(pe.Line, pe.Column), "%s", msg)
}

// csvDelimiter picks the column delimiter of a members CSV from its header
// row: a comma, or the semicolon that spreadsheets write where the comma
// is the decimal mark (German and French Excel), or a tab (a sheet
// exported as text). The header names fields, which hold none of the
// three, so the one that occurs most often outside quotes in the first
// row is the delimiter; with none (a single column) or a tie, a comma.
func csvDelimiter(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best, n := byte(','), counts[',']
	for _, c := range []byte{';', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}
