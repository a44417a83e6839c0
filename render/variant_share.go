package render

import (
	"math"
	"strconv"
	"sync"
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

// outputCache is a Render's shared outputs, by output key. Its map and
// the room its keys are copied into go back to a pool when the Render
// returns, cleared, for the next file's: a file of twenty variants made
// a map for twenty outputs and twenty key strings, most never looked up
// again.
type outputCache struct {
	m    map[string]sharedOutput
	keys []byte // the keys' bytes; a full room is replaced, not grown
}

// The most entries and key bytes a pooled cache keeps: past them, its
// room is left to the collector rather than held for files that need a
// fraction of it.
const (
	maxPooledOutputs  = 1024
	maxPooledKeyBytes = 64 << 10
)

var outputCachePool sync.Pool

// getOutputCache returns an empty cache, from the pool when it has one,
// else one sized for n entries.
func getOutputCache(n int) *outputCache {
	if c, ok := outputCachePool.Get().(*outputCache); ok {
		return c
	}
	return &outputCache{m: make(map[string]sharedOutput, n)}
}

// add records o under a copy of key. The copy lives in c.keys, which
// release reuses only once the map holds none of its keys.
func (c *outputCache) add(key []byte, o sharedOutput) {
	if len(c.keys)+len(key) > cap(c.keys) {
		c.keys = make([]byte, 0, max(1024, 2*cap(c.keys), len(key)))
	}
	at := len(c.keys)
	c.keys = append(c.keys, key...)
	c.m[unsafe.String(unsafe.SliceData(c.keys[at:]), len(key))] = o
}

// release clears c, so that the pool holds nothing of the file, and puts
// it back unless it grew past the caps. A nil c (no field had actions) is
// nothing to release.
func (c *outputCache) release() {
	if c == nil {
		return
	}
	n := len(c.m)
	clear(c.m)
	c.keys = c.keys[:0]
	if n > maxPooledOutputs || cap(c.keys) > maxPooledKeyBytes {
		return
	}
	outputCachePool.Put(c)
}

// variantData is one variant's data, with where each value came from:
// the file's vars or the variant's own values.
type variantData struct {
	sandbox.Data
	file, own map[string]any
	index     int
}

// appendOutputKey appends to b the key of a field run with this data: the
// field, whether the data holds a list or a map (the sandbox runs a
// different tree then), and the value of each key the field reads.
// Scalars are keyed by type and value, so variants that agree on them
// share; a list or a map by where it came from, so only variants that take
// it from the file's vars share it. shared is false when the field may
// read the whole data. The caller reuses b, so that looking a key up
// allocates nothing.
func (d variantData) appendOutputKey(b []byte, anchor int, ft *sandbox.Field) (key []byte, shared bool) {
	keys, all := ft.Reads()
	if all {
		return b, false
	}
	b = strconv.AppendInt(b, int64(anchor), 10)
	if d.Composite() {
		b = append(b, "+c"...)
	}
	for _, k := range keys {
		b = append(b, 0)
		v, own := d.own[k]
		if !own {
			var ok bool
			if v, ok = d.file[k]; !ok {
				b = append(b, '-')
				continue
			}
		}
		var scalar bool
		if b, scalar = appendScalarKey(b, v); !scalar {
			if own {
				b = append(b, 'v')
				b = strconv.AppendInt(b, int64(d.index), 10)
			} else {
				b = append(b, 'f')
			}
		}
	}
	return b, true
}

// maxKeyedString is the longest string value written into a key.
const maxKeyedString = 64

// appendScalarKey appends v's type and exact value, and reports whether v
// is a scalar it can key.
func appendScalarKey(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		b = append(b, 'n')
	case string:
		if len(v) > maxKeyedString {
			// a long value is keyed by identity, not copied into the key
			// of every field that reads it: the variants that take it
			// from the file's vars hold the same string
			b = append(b, 'p')
			b = strconv.AppendUint(b, uint64(uintptr(unsafe.Pointer(unsafe.StringData(v)))), 16)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(len(v)), 10)
			break
		}
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		b = append(b, v...)
	case bool:
		b = strconv.AppendBool(b, v)
	case int:
		b = append(b, 'i')
		b = strconv.AppendInt(b, int64(v), 10)
	case int64:
		b = append(b, 'l')
		b = strconv.AppendInt(b, v, 10)
	case uint64:
		b = append(b, 'u')
		b = strconv.AppendUint(b, v, 10)
	case float64:
		b = append(b, 'd')
		b = strconv.AppendUint(b, math.Float64bits(v), 16)
	default:
		return b, false
	}
	return b, true
}
