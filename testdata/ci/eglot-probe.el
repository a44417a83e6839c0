;;; eglot-probe.el --- drive the Eglot recipe in batch mode  -*- lexical-binding: t; -*-

;; Driven by .ci/lsp-test.sh: loads editors/inboxlint-eglot.el as the
;; user's init, opens two templates of one repository in text-mode (the
;; recipe's hook there, since markdown-mode is a separate package), and
;; writes to $PROBE_OUT/eglot.json how many servers the project runs,
;; which buffers they manage, each buffer's Flymake diagnostics (line,
;; character column, rule) and the hover text on a macro.

(require 'package)
(package-initialize)
(require 'json)
(load (getenv "RECIPE"))
(add-hook 'text-mode-hook #'eglot-ensure)
(require 'eglot)

(defvar probe-out (getenv "PROBE_OUT"))

(defun probe-open (file)
  (let ((buf (find-file-noselect file)))
    (with-current-buffer buf
      (text-mode)
      ;; eglot-ensure connects from post-command-hook, which batch mode
      ;; never runs: run it as the command loop would
      (run-hooks 'post-command-hook))
    buf))

(defun probe-wait (pred)
  (let ((deadline (+ (float-time) 30)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun probe-diagnostics (buf)
  (with-current-buffer buf
    (mapcar (lambda (d)
              (save-excursion
                (goto-char (flymake-diagnostic-beg d))
                `((line . ,(line-number-at-pos))
                  (column . ,(1+ (- (point) (line-beginning-position))))
                  (text . ,(flymake-diagnostic-text d)))))
            (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(let* ((one (probe-open "one.md"))
       (two (probe-open "sub/two.md")))
  ;; Flymake asks its backends on an idle timer, which batch mode never
  ;; reaches: ask as that timer would, until both buffers have findings
  (probe-wait (lambda ()
                (dolist (b (list one two))
                  (with-current-buffer b
                    (unless (flymake-diagnostics) (flymake-start))))
                (and (with-current-buffer one (flymake-diagnostics))
                     (with-current-buffer two (flymake-diagnostics)))))
  (let* ((servers (with-current-buffer one (gethash (eglot--current-project) eglot--servers-by-project)))
         (hover (with-current-buffer one
                  (goto-char (point-min))
                  (search-forward "%FIRSTNAME%")
                  (backward-char 3)
                  (let ((res (jsonrpc-request (eglot-current-server) :textDocument/hover
                                              (eglot--TextDocumentPositionParams))))
                    (plist-get (plist-get res :contents) :value)))))
    (with-temp-file (expand-file-name "eglot.json" probe-out)
      (insert (json-encode
               `((servers . ,(length servers))
                 (managed . ,(vconcat (mapcar (lambda (s) (length (eglot--managed-buffers s))) servers)))
                 (one . ,(vconcat (probe-diagnostics one)))
                 (two . ,(vconcat (probe-diagnostics two)))
                 (hover . ,hover)))))
    (mapc #'eglot-shutdown servers)))
(kill-emacs 0)
;;; eglot-probe.el ends here
