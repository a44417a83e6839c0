package main

import "github.com/sourcegraph/jsonrpc2"

// The Language Server Protocol values the server speaks, as typed structs
// and named constants. Only what the server uses is declared; the names
// follow the specification
// (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
// so that a later capability adds its structs next to these.

// Methods.
const (
	lspMethodInitialize         = "initialize"
	lspMethodInitialized        = "initialized"
	lspMethodShutdown           = "shutdown"
	lspMethodExit               = "exit"
	lspMethodDidOpen            = "textDocument/didOpen"
	lspMethodDidChange          = "textDocument/didChange"
	lspMethodDidSave            = "textDocument/didSave"
	lspMethodDidClose           = "textDocument/didClose"
	lspMethodPublishDiagnostics = "textDocument/publishDiagnostics"
	lspMethodLogMessage         = "window/logMessage"
)

// Error codes: JSON-RPC's own (from the library) and the ones LSP adds.
const (
	lspCodeParseError           = jsonrpc2.CodeParseError
	lspCodeInvalidRequest       = jsonrpc2.CodeInvalidRequest
	lspCodeMethodNotFound       = jsonrpc2.CodeMethodNotFound
	lspCodeInvalidParams        = jsonrpc2.CodeInvalidParams
	lspCodeInternalError        = jsonrpc2.CodeInternalError
	lspCodeServerNotInitialized = -32002
)

// lspDiagnosticSeverity is how an editor marks a diagnostic.
type lspDiagnosticSeverity int

const (
	lspSeverityError       lspDiagnosticSeverity = 1
	lspSeverityWarning     lspDiagnosticSeverity = 2
	lspSeverityInformation lspDiagnosticSeverity = 3
)

// lspTextDocumentSyncKind is how the client sends a document's edits.
type lspTextDocumentSyncKind int

// lspSyncFull: every change carries the whole text, so the server never
// applies edits of its own.
const lspSyncFull lspTextDocumentSyncKind = 1

// lspMessageType is the level of a window/logMessage.
type lspMessageType int

const lspMessageError lspMessageType = 1

type lspInitializeParams struct {
	// RootURI is null when no folder is open; RootPath is its deprecated
	// predecessor, still sent by old clients.
	RootURI          *string              `json:"rootUri"`
	RootPath         *string              `json:"rootPath"`
	WorkspaceFolders []lspWorkspaceFolder `json:"workspaceFolders"`
}

type lspWorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

type lspInitializeResult struct {
	Capabilities lspServerCapabilities `json:"capabilities"`
	ServerInfo   *lspServerInfo        `json:"serverInfo,omitempty"`
}

type lspServerCapabilities struct {
	TextDocumentSync lspTextDocumentSyncOptions `json:"textDocumentSync"`
}

type lspTextDocumentSyncOptions struct {
	OpenClose bool                    `json:"openClose"`
	Change    lspTextDocumentSyncKind `json:"change"`
	Save      *lspSaveOptions         `json:"save,omitempty"`
}

type lspSaveOptions struct {
	IncludeText bool `json:"includeText"`
}

type lspServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type lspTextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int32  `json:"version"`
	Text       string `json:"text"`
}

type lspTextDocumentIdentifier struct {
	URI string `json:"uri"`
}

type lspVersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

type lspDidOpenParams struct {
	TextDocument lspTextDocumentItem `json:"textDocument"`
}

type lspDidChangeParams struct {
	TextDocument   lspVersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []lspContentChange                 `json:"contentChanges"`
}

// lspContentChange is one change: the whole text when Range is absent,
// which is what lspSyncFull asks for.
type lspContentChange struct {
	Range *lspRange `json:"range,omitempty"`
	Text  string    `json:"text"`
}

type lspDidSaveParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	// Text is there because the server asks for it (includeText).
	Text *string `json:"text,omitempty"`
}

type lspDidCloseParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
}

// lspPosition is 0-based; Character counts UTF-16 code units.
type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspDiagnostic struct {
	Range           lspRange              `json:"range"`
	Severity        lspDiagnosticSeverity `json:"severity"`
	Code            string                `json:"code"`
	CodeDescription *lspCodeDescription   `json:"codeDescription,omitempty"`
	Source          string                `json:"source"`
	Message         string                `json:"message"`
}

type lspCodeDescription struct {
	Href string `json:"href"`
}

type lspPublishDiagnosticsParams struct {
	URI string `json:"uri"`
	// Version is the version of the text the findings are for, so that a
	// client can drop findings for text it has since changed.
	Version     *int32          `json:"version,omitempty"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

type lspLogMessageParams struct {
	Type    lspMessageType `json:"type"`
	Message string         `json:"message"`
}
