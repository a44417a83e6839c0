package lang

// What the external tests (package lang_test) use of the package's
// unexported names.
var (
	Categories   = categories
	Currencies   = currencyCodes
	CurrencyName = currencyName
	Fold         = foldWord
)

type (
	TokenKind    = tokenKind
	VerbPosition = verbPosition
)

const (
	Symbol   = symbol
	VerbBoth = verbBoth
)

func (p *Pattern) Find(toks []Token, i int) (start, end int, ok bool) { return p.find(toks, i) }
func (p *Pattern) MatchAt(toks []Token, i int) (end int, ok bool)     { return p.matchAt(toks, i) }
func (p *Pattern) Whole(toks []Token) bool                            { return p.whole(toks) }
func (p *Pattern) Words() []string                                    { return p.words() }
func (p *Pattern) HasSlots() bool                                     { return p.hasSlots() }

func (p *Pack) Patterns(fn func(category string, pat *Pattern)) { p.patterns(fn) }
func (p *Pack) Hype() []*Pattern                                { return p.hype }
func (p *Pack) CompanyIntro() []*Pattern                        { return p.companyIntro }
func (p *Pack) Greetings() []*Pattern                           { return p.greetings }
func (p *Pack) SignOffs() []*Pattern                            { return p.signOffs }
func (p *Pack) Quotes() []quotePair                             { return p.quotes }
func (p *Pack) Address() addressForms                           { return p.address }

func (a addressForms) Formal() []*Pattern   { return a.formal }
func (a addressForms) Informal() []*Pattern { return a.informal }
func (q quotePair) Open() string            { return q.open }
func (q Question) SpaceBefore() []rune      { return q.spaceBefore }

func (c CTA) Declines() []*Pattern      { return c.declines }
func (c CTA) Vague() []*Pattern         { return c.vague }
func (c CTA) Interjections() []*Pattern { return c.interjections }
func (c CTA) Verbs() []*Pattern         { return c.verbs }
