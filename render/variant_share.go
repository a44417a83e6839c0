package render

import (
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// shareOutputs turns the sharing on; the tests turn it off to compare.
var shareOutputs = true

// parsedField is a field's template, parsed once for every variant, with
// the merge tags maskMergeTags hid from the parser.
type parsedField struct {
	ft     *sandbox.Field
	masked []int
}

// sharedOutput is a field's Text for one value of what it reads, and the
// work running it took, charged again each time it is shared.
type sharedOutput struct {
	text Text
	cost sandbox.Cost
}

// variantData is one variant's data, with where each value came from:
// the file's vars or the variant's own values.
type variantData struct {
	sandbox.Data
	file, own map[string]any
	index     int
}

// outputKey identifies a field run with this data: the field, whether the
// data holds a list or a map (the sandbox runs a different tree then), and
// the value of each key the field reads. Scalars are keyed by type and
// value, so variants that agree on them share; a list or a map by where it
// came from, so only variants that take it from the file's vars share it.
// shared is false when the field may read the whole data.
func (d variantData) outputKey(anchor int, ft *sandbox.Field) (key string, shared bool) {
	keys, all := ft.Reads()
	if all {
		return "", false
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(anchor))
	if d.Composite() {
		b.WriteString("+c")
	}
	for _, k := range keys {
		b.WriteByte(0)
		v, own := d.own[k]
		if !own {
			var ok bool
			if v, ok = d.file[k]; !ok {
				b.WriteByte('-')
				continue
			}
		}
		if !writeScalarKey(&b, v) {
			if own {
				b.WriteString("v" + strconv.Itoa(d.index))
			} else {
				b.WriteByte('f')
			}
		}
	}
	return b.String(), true
}

// maxKeyedString is the longest string value written into a key.
const maxKeyedString = 64

// writeScalarKey writes v's type and exact value, and reports whether v is
// a scalar it can key.
func writeScalarKey(b *strings.Builder, v any) bool {
	switch v := v.(type) {
	case nil:
		b.WriteByte('n')
	case string:
		if len(v) > maxKeyedString {
			// a long value is keyed by identity, not copied into the key
			// of every field that reads it: the variants that take it
			// from the file's vars hold the same string
			b.WriteString("p" + strconv.FormatUint(uint64(uintptr(unsafe.Pointer(unsafe.StringData(v)))), 16) + ":" + strconv.Itoa(len(v)))
			break
		}
		b.WriteByte('s')
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString("i" + strconv.Itoa(v))
	case int64:
		b.WriteString("l" + strconv.FormatInt(v, 10))
	case uint64:
		b.WriteString("u" + strconv.FormatUint(v, 10))
	case float64:
		b.WriteString("d" + strconv.FormatUint(math.Float64bits(v), 16))
	default:
		return false
	}
	return true
}
