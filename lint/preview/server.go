package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
)

// ServeOptions configure the live preview server.
type ServeOptions struct {
	// Lint are the options every rebuild lints with; the server sets
	// KeepSources.
	Lint lint.Options
	// Preview are the page's options.
	Preview Options
	// Paths are the files and directories to lint and watch.
	Paths []string
	// Log gets one line per rebuild and per problem (standard error).
	Log io.Writer
	// debounce is how long a burst of file events must be quiet before
	// the rebuild (an editor's save is several events); zero means 100ms.
	debounce time.Duration
}

// Server is the live preview: it serves the page of the current state of
// the files at / and tells open pages of each rebuild over Server-Sent
// Events at /events. Nothing else is served: every byte it sends is
// generated from the linted files, and no path of the request reaches the
// file system.
type Server struct {
	o ServeOptions

	mu      sync.Mutex
	page    []byte
	version int
	inputs  []string
	subs    map[chan int]bool
	done    chan struct{}
	// loopback says the listener is on a loopback address, so requests
	// must name a loopback host (against DNS rebinding).
	loopback bool
}

// NewServer builds the first page.
func NewServer(o ServeOptions) *Server {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.debounce <= 0 {
		o.debounce = 100 * time.Millisecond
	}
	s := &Server{o: o, subs: map[chan int]bool{}, done: make(chan struct{}), loopback: true}
	s.rebuild()
	return s
}

// rebuild lints the files again and makes the new page current. Whatever
// fails (a config error, a broken template, a bug) shows in the page, so
// the reader sees why instead of a blank page or a stale one.
func (s *Server) rebuild() {
	page, summary := s.build()
	s.mu.Lock()
	s.version++
	page.Live, page.Version = true, s.version
	var buf bytes.Buffer
	if err := Write(&buf, page); err != nil {
		buf.Reset()
		fallback := &Page{Title: page.Title, Live: true, Version: s.version, Errors: []string{"cannot write the page: " + escape.Controls(err.Error())},
			Rules: map[string]ruleDoc{}, Members: []string{}, Variants: []string{}, Files: []*fileView{}, Summary: summaryView{Worst: []worstView{}}}
		_ = Write(&buf, fallback)
	}
	s.page = buf.Bytes()
	s.inputs = page.inputs
	v := s.version
	for ch := range s.subs {
		select { // keep only the newest version waiting
		case <-ch:
		default:
		}
		ch <- v
	}
	s.mu.Unlock()
	fmt.Fprintf(s.o.Log, "inboxlint: preview %d: %s\n", v, summary)
}

func (s *Server) build() (page *Page, summary string) {
	defer func() {
		if r := recover(); r != nil {
			page = errorPage(s.o.Preview.Title, fmt.Errorf("internal error: %v (please report this with the files)", r))
			summary = "internal error"
		}
	}()
	opts := s.o.Lint
	opts.KeepSources = true
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return errorPage(s.o.Preview.Title, err), errorText(err)
	}
	res := eng.Run(s.o.Paths)
	page, err = Build(eng, res, s.o.Preview)
	if err != nil {
		page.Errors = append(page.Errors, errorText(err))
	}
	sum := page.Summary
	summary = fmt.Sprintf("%d files, %d errors, %d warnings, %d infos", sum.Files, sum.Errors, sum.Warnings, sum.Infos)
	if n := len(page.Errors); n > 0 {
		summary += fmt.Sprintf("; %d files could not be linted: %s", n, page.Errors[0])
	}
	return page, summary
}

// errorText is an error as the page and the server's log line show it:
// escaped, on one line, with its hints (lint.Hint) after it.
func errorText(err error) string {
	text := err.Error()
	for _, h := range lint.Hints(err) {
		text += "; hint: " + h
	}
	return escape.Controls(text)
}

func errorPage(title string, err error) *Page {
	if title == "" {
		title = "inboxlint preview"
	}
	return &Page{Title: escape.Controls(title), Errors: []string{errorText(err)}, Rules: map[string]ruleDoc{},
		Members: []string{}, Variants: []string{}, Files: []*fileView{}, Summary: summaryView{Worst: []worstView{}}}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "inboxlint: the preview answers only requests for localhost", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "inboxlint: the preview is read-only", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/":
		s.mu.Lock()
		page := s.page
		s.mu.Unlock()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", contentPolicy(true)+"; frame-ancestors 'none'")
		_, _ = w.Write(page)
	case "/events":
		s.events(w, r)
	default:
		http.Error(w, "inboxlint: not found: the preview is at /", http.StatusNotFound)
	}
}

func (s *Server) hostAllowed(host string) bool {
	if !s.loopback {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// events streams the page version: at once, then after every rebuild,
// with a comment every 15 seconds so that proxies keep the stream open.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "inboxlint: streaming is not supported here", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	ch := make(chan int, 1)
	s.mu.Lock()
	s.subs[ch] = true
	v := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	fmt.Fprintf(w, "retry: 1000\nevent: update\ndata: %d\n\n", v)
	fl.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case v := <-ch:
			fmt.Fprintf(w, "event: update\ndata: %d\n\n", v)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		fl.Flush()
	}
}

// Run serves on ln and rebuilds on every change to the watched files until
// ctx is done (Ctrl-C), then stops: open event streams end, the listener
// closes and the watcher with it.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		s.loopback = tcp.IP.IsLoopback()
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch the files: %w", err)
	}
	defer w.Close()
	watched := map[string]bool{}
	trees, dirs := s.watchDirs()
	for _, d := range trees {
		s.watchTree(w, watched, d)
	}
	for _, d := range dirs {
		s.watchDir(w, watched, d)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		s.watch(ctx, w, watched)
	}()
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	close(s.done)
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	<-watchDone
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// watch rebuilds once file events have been quiet for the debounce time.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher, watched map[string]bool) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					s.watchTree(w, watched, ev.Name)
				}
			}
			if relevant(ev) {
				timer.Reset(s.o.debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.o.Log, "inboxlint: watching the files: %s\n", escape.Controls(err.Error()))
		case <-timer.C:
			s.rebuild()
			s.mu.Lock()
			inputs := s.inputs
			s.mu.Unlock()
			for _, p := range inputs {
				s.watchDir(w, watched, filepath.Dir(p))
			}
		}
	}
}

// relevant says whether an event may change the page: a template, a
// config or a members file, or a directory that went away.
func relevant(ev fsnotify.Event) bool {
	switch strings.ToLower(filepath.Ext(ev.Name)) {
	case ".md", ".yaml", ".yml", ".json", ".csv":
		return true
	case "":
		return ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Create)
	}
	return false
}

// watchDirs are the directories to watch: trees, with their
// subdirectories, for each path (a directory, or a file's directory), and
// single directories: those between each path and the working directory
// (where a new .inboxlint.yaml would take effect), and those of --config,
// --members and the configs and members files the last build read.
func (s *Server) watchDirs() (trees, dirs []string) {
	treeSet, dirSet := map[string]bool{}, map[string]bool{}
	wd, _ := os.Getwd()
	for _, p := range s.o.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		treeSet[abs] = true
		if wd == "" || !strings.HasPrefix(abs, wd) {
			continue
		}
		for d := abs; d != wd && d != filepath.Dir(d); {
			d = filepath.Dir(d)
			dirSet[d] = true
		}
	}
	s.mu.Lock()
	inputs := s.inputs
	s.mu.Unlock()
	for _, p := range append([]string{s.o.Lint.ConfigFile, s.o.Lint.MembersFile}, inputs...) {
		if p != "" {
			if abs, err := filepath.Abs(p); err == nil {
				dirSet[filepath.Dir(abs)] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(treeSet)), slices.Sorted(maps.Keys(dirSet))
}

// watchTree watches dir and its subdirectories, skipping hidden ones and
// node_modules as the run does.
func (s *Server) watchTree(w *fsnotify.Watcher, watched map[string]bool, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return fs.SkipDir
		}
		s.watchDir(w, watched, p)
		return nil
	})
}

func (s *Server) watchDir(w *fsnotify.Watcher, watched map[string]bool, dir string) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if watched[dir] {
		return
	}
	watched[dir] = true
	if err := w.Add(dir); err != nil {
		fmt.Fprintf(s.o.Log, "inboxlint: cannot watch %s: %s\n", escape.Controls(dir), escape.Controls(err.Error()))
	}
}
