// Package lang holds inboxlint's language packs and decides which language
// a template's copy is in.
//
// (The full package documentation is written with the detector.)
package lang
