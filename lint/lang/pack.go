package lang

// Pack is one language's vocabulary and typography, read from its data file
// (packs/<tag>.yaml). Packs are shared and read-only: never modify one.
//
// A category the language has no use for (English has one form of
// address; only English picks its article by the sound of the next word)
// is empty here and named in notApplicable with the reason; a rule that
// finds a category not applicable stays quiet for that file rather than
// apply another language's vocabulary.
type Pack struct {
	// Tag is the pack's BCP 47 tag: "en", "de", "pt-BR".
	Tag string
	// Name is the language's name in the language: "Deutsch".
	Name string
	// region is the region of the regional view Lookup returned ("CA" for
	// fr-CA), or "" for the pack as written.
	region string

	// functionWords are the language's most frequent short words,
	// folded: articles, pronouns, prepositions, conjunctions, auxiliaries.
	// Detect counts them, and they never fill a {name} or {company} slot.
	functionWords []string
	// letters are the letters with diacritics the language writes (ß, ñ,
	// ã, ...), lower-case; Detect counts them.
	letters []rune
	// suffixes are word endings typical of the language ("ung", "ción");
	// Detect counts words ending in them.
	suffixes []string

	// CTA is the vocabulary of call-to-action buttons.
	CTA CTA
	// SelfIntro are openers about the sender ("je m'appelle", "ich bin
	// {name} von").
	SelfIntro []*Pattern
	// companyIntro are openers about the sender's company ("{company} is
	// a|an|the {words} platform").
	companyIntro []*Pattern
	// greetings open a message and may come before an opener ("hallo",
	// "bonjour", "sehr geehrte"). The greeting runs on over the name or
	// macro that follows, with or without a comma before it, to the next
	// punctuation or line break: "Hallo %FIRSTNAME%,", "Olá, %FIRSTNAME%!",
	// "Hola, %FIRSTNAME%:".
	greetings []*Pattern
	// signOffs close a letter and are skipped at the end of a body ("viele
	// grüße", "cordialement"), with a name after them.
	signOffs []*Pattern
	// hype are spam and fake-urgency phrases ("offre limitée", "nur
	// heute").
	hype []*Pattern
	// DraftMarkers are words that mark unfinished copy ("TODO", "À
	// DÉFINIR", "N.N."), mostly case-exact.
	DraftMarkers []*Pattern

	// Question is how the language punctuates a question.
	Question Question
	// quotes are the quotation marks the language uses, the preferred pair
	// first.
	quotes []quotePair
	// address holds the formal and informal forms of "you"; both lists
	// are empty when the language has one form.
	address addressForms
	// acronyms are the language's own acronyms written in capitals
	// (DSGVO, TVA); see Acronyms for the whole allowance.
	acronyms []string
	// articles is how the indefinite article depends on the next word, or
	// nil when it does not depend on its sound (every language but
	// English).
	articles *articleRule

	// notApplicable names the categories the language has no use for,
	// with the reason.
	notApplicable []exemption

	// stop is functionWords, sorted (a pointer: see Pattern.stop).
	stop *[]string
}

// exemption is a category a language has no use for, and why.
type exemption struct {
	// category is one of categories.
	category string
	// reason says why the category does not apply, for a reader of the
	// pack and of `inboxlint explain`.
	reason string
}

// CTA is the vocabulary of call-to-action buttons.
type CTA struct {
	// vague are labels that promise nothing ("Learn more", "Mehr
	// erfahren"), matched against the whole label (Pattern.whole).
	vague []*Pattern
	// verbs are the verb forms labels are made of: imperatives and
	// infinitives, and first-person forms where buttons use them ("je
	// m'inscris", "quero"). An entry may be several words.
	verbs []*Pattern
	// VerbPosition is where the verb stands in a label.
	VerbPosition verbPosition
	// declines are low-commitment ways out ("Maybe later", "Vielleicht
	// später"), matched against the whole label: not calls to action.
	declines []*Pattern
	// interjections may come before the verb ("Yes, send it", "Oui, je
	// m'inscris"): a label's verb is looked for after them.
	interjections []*Pattern
}

// verbPosition is where the verb of a call to action stands.
type verbPosition uint8

// Where the verb of a button label stands.
const (
	// VerbFirst: the label starts with the verb ("Get the guide",
	// "Télécharger le guide").
	VerbFirst verbPosition = iota + 1
	// VerbLast: the label ends with it.
	VerbLast
	// verbBoth: both are usual ("Jetzt Platz sichern", with an
	// infinitive at the end, and "Sichern Sie sich Ihren Platz", with an
	// imperative at the start).
	verbBoth
)

// String returns the position as written in a pack.
func (v verbPosition) String() string {
	switch v {
	case VerbFirst:
		return "first"
	case VerbLast:
		return "last"
	case verbBoth:
		return "both"
	}
	return ""
}

// Question is how a language punctuates a question.
type Question struct {
	// Mark ends a question: "?".
	Mark string
	// Open starts one where the language requires it ("¿" in Spanish),
	// else "".
	Open string
	// spaceBefore are the spaces that may stand between the last word and
	// Mark, the preferred first (French: a narrow no-break space U+202F,
	// or a no-break space U+00A0). Empty: no space goes there.
	spaceBefore []rune
	// SpaceRequired is set when the mark must be preceded by one of
	// spaceBefore (France's typography); unset, a mark right after the
	// word is fine too.
	SpaceRequired bool
}

// quotePair is a pair of quotation marks.
type quotePair struct {
	open, close string
	// spaceInside is set when a (no-break) space goes inside the marks:
	// French « texte ».
	spaceInside bool
}

// addressForms holds the forms of "you" for address-consistency.
type addressForms struct {
	// formal forms ("=Sie", "vous", "usted"); exact-case entries count
	// only where the case carries meaning, not at a sentence start.
	formal []*Pattern
	// informal forms ("du", "tu", "tú", "je", "você").
	informal []*Pattern
}

// articleRule is the English rule for "a" and "an": by the sound of the next
// word, not its spelling.
type articleRule struct {
	// beforeConsonant and beforeVowel are the two articles ("a", "an").
	beforeConsonant, beforeVowel string
	// vowelLetters start words said with a vowel sound, unless a prefix
	// below says otherwise.
	vowelLetters string
	// consonantSoundPrefixes start words spelt with a vowel but said with
	// a consonant ("uni" of "university", "eu" of "European", "one").
	consonantSoundPrefixes []string
	// vowelSoundPrefixes start words spelt with a consonant but said with
	// a vowel ("hour", "honest"); the longest matching prefix of either
	// list wins.
	vowelSoundPrefixes []string
	// vowelLetterNames are the capitals whose names start with a vowel
	// sound (F is "ef"): how an acronym said letter by letter is judged
	// ("an SVP", "a VP").
	vowelLetterNames string
	// wordAcronyms are acronyms said as words, judged like words ("a
	// NATO", "a GAAP").
	wordAcronyms []string
}

// The categories every pack has, or declares not applicable. Their names
// are the keys of the data files.
const (
	catFunctionWords    = "detect.function_words"
	catLetters          = "detect.letters"
	catSuffixes         = "detect.suffixes"
	CatCTAVague         = "cta.vague"
	CatCTAVerbs         = "cta.verbs"
	catCTAVerbPosition  = "cta.verb_position"
	CatCTADeclines      = "cta.declines"
	CatCTAInterjections = "cta.interjections"
	CatSelfIntro        = "openers.self_intro"
	CatCompanyIntro     = "openers.company_intro"
	CatGreetings        = "greetings"
	CatSignOffs         = "sign_offs"
	CatHype             = "hype"
	CatDraftMarkers     = "draft_markers"
	catQuestion         = "question"
	catQuotes           = "quotes"
	CatAddress          = "address"
	catAcronyms         = "acronyms"
	CatArticles         = "articles"
)

// categories returns the names of the categories every pack has, or
// declares not applicable, in the order of the data files.
func categories() []string {
	return []string{
		catFunctionWords, catLetters, catSuffixes,
		CatCTAVague, CatCTAVerbs, catCTAVerbPosition, CatCTADeclines, CatCTAInterjections,
		CatSelfIntro, CatCompanyIntro, CatGreetings, CatSignOffs,
		CatHype, CatDraftMarkers, catQuestion, catQuotes, CatAddress, catAcronyms, CatArticles,
	}
}

// Applies reports whether the category (one of categories) applies to the
// pack's language. A nil pack (no supported language) has none.
func (p *Pack) Applies(category string) bool {
	if p == nil {
		return false
	}
	for _, e := range p.notApplicable {
		if e.category == category {
			return false
		}
	}
	return true
}

// IsFunctionWord reports whether the folded word is one of the pack's
// function words.
func (p *Pack) IsFunctionWord(fold string) bool {
	return p != nil && p.stop != nil && inSorted(*p.stop, fold)
}

// String returns the pack's tag, with the region of a regional view:
// "fr-CA".
func (p *Pack) String() string {
	if p.region != "" {
		return p.Tag + "-" + p.region
	}
	return p.Tag
}

// patterns calls fn for every pattern of the pack with its category (as in
// categories; the address forms as "address.formal" and
// "address.informal"): a way for a matcher to index all of them at once.
func (p *Pack) patterns(fn func(category string, pat *Pattern)) {
	each := func(cat string, ps []*Pattern) {
		for _, x := range ps {
			fn(cat, x)
		}
	}
	each(CatCTAVague, p.CTA.vague)
	each(CatCTAVerbs, p.CTA.verbs)
	each(CatCTADeclines, p.CTA.declines)
	each(CatCTAInterjections, p.CTA.interjections)
	each(CatSelfIntro, p.SelfIntro)
	each(CatCompanyIntro, p.companyIntro)
	each(CatGreetings, p.greetings)
	each(CatSignOffs, p.signOffs)
	each(CatHype, p.hype)
	each(CatDraftMarkers, p.DraftMarkers)
	each(CatAddress+".formal", p.address.formal)
	each(CatAddress+".informal", p.address.informal)
}
