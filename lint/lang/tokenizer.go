package lang

// Tokenizer is TokenizeAll for a caller that cuts many texts and keeps
// their tokens together, as the engine keeps one file's: the folded words
// of all the texts go into a few shared buffers instead of one for each
// text, and so do the tokens, in room the caller made with Reserve. The
// zero value is ready to use; a Tokenizer is not safe for concurrent use,
// and is not copied once used.
type Tokenizer struct {
	// toks[len(toks):cap(toks)] is the room for tokens, and fold the
	// buffer folded words are appended to. Neither is written below its
	// length again: the tokens handed out are toks[:len(toks)], and their
	// Folds strings of fold's bytes.
	toks []Token
	fold []byte
}

// Reserve makes room for about n tokens, from which All takes the tokens
// of each text that fits what is left, when there is less room than that.
func (z *Tokenizer) Reserve(n int) {
	if cap(z.toks)-len(z.toks) < n {
		z.toks = make([]Token, 0, n)
	}
}

// maxGrowRoom bounds the room a Tokenizer makes at a time beyond what a
// text needs.
const maxGrowRoom = 1 << 12

// grow replaces the room with a new one for at least n tokens. The
// tokens handed out keep the old array.
func (z *Tokenizer) grow(n int) {
	z.toks = make([]Token, 0, max(n, min(2*cap(z.toks), maxGrowRoom), 64))
}

// Take returns room for n tokens, empty with capacity n, for a caller
// that puts tokens together from texts the Tokenizer cut.
func (z *Tokenizer) Take(n int) []Token {
	if cap(z.toks)-len(z.toks) < n {
		z.grow(n)
	}
	at := len(z.toks)
	z.toks = z.toks[:at+n]
	return z.toks[at : at : at+n]
}

// Reset readies z for another caller, who reuses its room: the tokens it
// handed out, and their Folds, must no longer be used, for their memory
// is written over. It keeps the room only while it holds at most
// maxTokens tokens and maxFold bytes of folded words, and reports whether
// it kept any, so that one huge text does not keep its memory for good.
func (z *Tokenizer) Reset(maxTokens, maxFold int) bool {
	if cap(z.toks) > maxTokens || cap(z.fold) > maxFold {
		*z = Tokenizer{}
		return false
	}
	z.toks, z.fold = z.toks[:0], z.fold[:0]
	return true
}

// All returns TokenizeAll(s). Its capacity is its length, so that an
// append to it copies it rather than writing over another text's tokens.
func (z *Tokenizer) All(s string) []Token { return tokenize(s, -1, z) }

// minFoldRoom is the least room a Tokenizer makes for folded words at a
// time, so that a file's texts share one buffer.
const minFoldRoom = 512
