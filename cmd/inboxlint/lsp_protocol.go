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
	lspMethodHover              = "textDocument/hover"
	lspMethodCompletion         = "textDocument/completion"
	lspMethodDocumentSymbol     = "textDocument/documentSymbol"
	lspMethodDefinition         = "textDocument/definition"
	lspMethodReferences         = "textDocument/references"
	lspMethodPrepareRename      = "textDocument/prepareRename"
	lspMethodRename             = "textDocument/rename"
	lspMethodCodeAction         = "textDocument/codeAction"
	lspMethodDidChangeWatched   = "workspace/didChangeWatchedFiles"
	lspMethodRegisterCapability = "client/registerCapability"
)

// Error codes: JSON-RPC's own (from the library) and the ones LSP adds.
const (
	lspCodeParseError           = jsonrpc2.CodeParseError
	lspCodeInvalidRequest       = jsonrpc2.CodeInvalidRequest
	lspCodeMethodNotFound       = jsonrpc2.CodeMethodNotFound
	lspCodeInvalidParams        = jsonrpc2.CodeInvalidParams
	lspCodeInternalError        = jsonrpc2.CodeInternalError
	lspCodeServerNotInitialized = -32002
	// lspCodeRequestFailed: the request was valid but cannot be done (a
	// rename to a heading that clashes with another).
	lspCodeRequestFailed = -32803
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
	RootURI          *string               `json:"rootUri"`
	RootPath         *string               `json:"rootPath"`
	WorkspaceFolders []lspWorkspaceFolder  `json:"workspaceFolders"`
	Capabilities     lspClientCapabilities `json:"capabilities"`
}

// lspClientCapabilities holds the one client capability the server looks
// at: whether it may ask the client to watch files for it.
type lspClientCapabilities struct {
	Workspace struct {
		DidChangeWatchedFiles struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
	} `json:"workspace"`
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
	TextDocumentSync       lspTextDocumentSyncOptions `json:"textDocumentSync"`
	HoverProvider          bool                       `json:"hoverProvider"`
	CompletionProvider     *lspCompletionOptions      `json:"completionProvider,omitempty"`
	DocumentSymbolProvider bool                       `json:"documentSymbolProvider"`
	DefinitionProvider     bool                       `json:"definitionProvider"`
	ReferencesProvider     bool                       `json:"referencesProvider"`
	RenameProvider         *lspRenameOptions          `json:"renameProvider,omitempty"`
	CodeActionProvider     *lspCodeActionOptions      `json:"codeActionProvider,omitempty"`
}

type lspCompletionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters"`
}

type lspRenameOptions struct {
	PrepareProvider bool `json:"prepareProvider"`
}

type lspCodeActionOptions struct {
	CodeActionKinds []lspCodeActionKind `json:"codeActionKinds"`
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

type lspTextDocumentPositionParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	Position     lspPosition               `json:"position"`
}

// lspMarkupKind is the format of hover text.
type lspMarkupKind string

const lspMarkdown lspMarkupKind = "markdown"

type lspMarkupContent struct {
	Kind  lspMarkupKind `json:"kind"`
	Value string        `json:"value"`
}

type lspHover struct {
	Contents lspMarkupContent `json:"contents"`
	Range    *lspRange        `json:"range,omitempty"`
}

// lspCompletionItemKind is the icon an editor shows beside a completion.
type lspCompletionItemKind int

const (
	lspCompletionVariable  lspCompletionItemKind = 6
	lspCompletionValue     lspCompletionItemKind = 12
	lspCompletionReference lspCompletionItemKind = 18
	lspCompletionConstant  lspCompletionItemKind = 21
)

type lspCompletionItem struct {
	Label    string                `json:"label"`
	Kind     lspCompletionItemKind `json:"kind"`
	Detail   string                `json:"detail,omitempty"`
	SortText string                `json:"sortText,omitempty"`
	// FilterText is what the client matches the typed prefix against:
	// the text the edit replaces begins with it.
	FilterText string       `json:"filterText,omitempty"`
	TextEdit   *lspTextEdit `json:"textEdit,omitempty"`
}

type lspCompletionList struct {
	IsIncomplete bool                `json:"isIncomplete"`
	Items        []lspCompletionItem `json:"items"`
}

type lspTextEdit struct {
	Range   lspRange `json:"range"`
	NewText string   `json:"newText"`
}

// lspSymbolKind is the icon of a document symbol.
type lspSymbolKind int

const (
	lspSymbolNamespace lspSymbolKind = 3
	lspSymbolEvent     lspSymbolKind = 24
)

type lspDocumentSymbol struct {
	Name           string              `json:"name"`
	Detail         string              `json:"detail,omitempty"`
	Kind           lspSymbolKind       `json:"kind"`
	Range          lspRange            `json:"range"`
	SelectionRange lspRange            `json:"selectionRange"`
	Children       []lspDocumentSymbol `json:"children,omitempty"`
}

type lspLocation struct {
	URI   string   `json:"uri"`
	Range lspRange `json:"range"`
}

type lspReferenceParams struct {
	lspTextDocumentPositionParams
	Context struct {
		IncludeDeclaration bool `json:"includeDeclaration"`
	} `json:"context"`
}

type lspRenameParams struct {
	lspTextDocumentPositionParams
	NewName string `json:"newName"`
}

type lspPrepareRenameResult struct {
	Range       lspRange `json:"range"`
	Placeholder string   `json:"placeholder"`
}

// lspWorkspaceEdit is a set of edits by document URI.
type lspWorkspaceEdit struct {
	Changes map[string][]lspTextEdit `json:"changes"`
}

// lspCodeActionKind says what a code action does.
type lspCodeActionKind string

const lspCodeActionQuickFix lspCodeActionKind = "quickfix"

type lspCodeActionParams struct {
	TextDocument lspTextDocumentIdentifier `json:"textDocument"`
	Range        lspRange                  `json:"range"`
	Context      struct {
		Diagnostics []lspDiagnostic     `json:"diagnostics"`
		Only        []lspCodeActionKind `json:"only,omitempty"`
	} `json:"context"`
}

type lspCodeAction struct {
	Title       string            `json:"title"`
	Kind        lspCodeActionKind `json:"kind"`
	Diagnostics []lspDiagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool              `json:"isPreferred,omitempty"`
	Edit        *lspWorkspaceEdit `json:"edit,omitempty"`
}

// lspFileChangeType is what happened to a watched file (created,
// changed, deleted): any of them is a reason to re-lint.
type lspFileChangeType int

type lspFileEvent struct {
	URI  string            `json:"uri"`
	Type lspFileChangeType `json:"type"`
}

type lspDidChangeWatchedFilesParams struct {
	Changes []lspFileEvent `json:"changes"`
}

type lspRegistrationParams struct {
	Registrations []lspRegistration `json:"registrations"`
}

type lspRegistration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

type lspWatchOptions struct {
	Watchers []lspFileSystemWatcher `json:"watchers"`
}

type lspFileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
}
