;; inboxlint's language server in Emacs with Eglot (built in from Emacs
;; 29; the eglot package before): one server per project, for every
;; Markdown buffer in it. Put this in your init file; inboxlint must be on
;; exec-path.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode text-mode) . ("inboxlint" "lsp"))))
(add-hook 'markdown-mode-hook #'eglot-ensure) ; or text-mode-hook
