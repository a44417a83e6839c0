;;; inboxlint.el --- inboxlint findings in Flymake  -*- lexical-binding: t; -*-

;; A Flymake backend for inboxlint (Emacs 27 or later: it reads inboxlint's
;; JSON output with the built-in JSON parser). It lints the buffer as it
;; is, through --stdin, so findings follow unsaved edits too; the file
;; name goes along for .inboxlint.yaml discovery. Columns are characters
;; on both sides, so each finding underlines exactly its span.
;;
;; Put this file on your load-path and add to your init file:
;;
;;   (require 'inboxlint)
;;   (add-hook 'markdown-mode-hook #'inboxlint-flymake-setup)
;;
;; (markdown-mode is the MELPA package; without it use text-mode-hook).
;; inboxlint must be on exec-path.

;;; Code:

(require 'flymake)

(defvar-local inboxlint--flymake-proc nil)
(defconst inboxlint--stderr-buffer " *inboxlint-flymake-stderr*")

(defun inboxlint--stderr ()
  "What the last check printed on standard error."
  (with-current-buffer (get-buffer-create inboxlint--stderr-buffer)
    (buffer-string)))

(defun inboxlint--position (line col)
  "Buffer position of 1-based LINE and character COL."
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- line))
    (min (+ (point) (max 0 (1- col))) (line-end-position))))

(defun inboxlint--diagnostics (source output)
  "Flymake diagnostics for SOURCE from inboxlint's JSON OUTPUT."
  (let ((data (json-parse-string output :object-type 'alist)))
    (with-current-buffer source
      (save-restriction
        (widen)
        (mapcar
         (lambda (d)
           (let* ((beg (inboxlint--position (alist-get 'line d) (alist-get 'column d)))
                  (end (inboxlint--position (alist-get 'endLine d) (alist-get 'endColumn d))))
             (when (<= end beg)
               (setq end (min (1+ beg) (point-max))))
             (flymake-make-diagnostic
              source beg end
              (pcase (alist-get 'severity d)
                ("error" :error) ("warning" :warning) (_ :note))
              (format "%s (%s)" (alist-get 'message d) (alist-get 'rule d)))))
         (alist-get 'diagnostics data))))))

(defun inboxlint-flymake (report-fn &rest _args)
  "Flymake backend: lint the current buffer with inboxlint, call REPORT-FN."
  (unless (executable-find "inboxlint")
    (error "Cannot find inboxlint on exec-path"))
  (when (process-live-p inboxlint--flymake-proc)
    (kill-process inboxlint--flymake-proc))
  (with-current-buffer (get-buffer-create inboxlint--stderr-buffer)
    (erase-buffer))
  (let ((source (current-buffer))
        (name (if buffer-file-name
                  (file-relative-name buffer-file-name)
                (buffer-name))))
    (save-restriction
      (widen)
      (setq inboxlint--flymake-proc
            (make-process
             :name "inboxlint-flymake" :noquery t :connection-type 'pipe
             :buffer (generate-new-buffer " *inboxlint-flymake*")
             :stderr (get-buffer inboxlint--stderr-buffer)
             :command (list "inboxlint" "lint" "--format" "json" "--fail-on" "never"
                            "--stdin" "--stdin-filename" name)
             :sentinel
             (lambda (proc _event)
               (when (memq (process-status proc) '(exit signal))
                 (unwind-protect
                     (cond
                      ((not (with-current-buffer source (eq proc inboxlint--flymake-proc)))
                       (flymake-log :warning "Canceling obsolete check %s" proc))
                      ;; Findings, or none for a Markdown file that is
                      ;; no template (a README: exit status 2, no findings).
                      ((with-current-buffer (process-buffer proc)
                         (goto-char (point-min))
                         (looking-at-p "{"))
                       (funcall report-fn
                                (inboxlint--diagnostics
                                 source (with-current-buffer (process-buffer proc) (buffer-string)))))
                      (t
                       ;; No output: a config or usage error, on stderr.
                       (accept-process-output nil 0.1)
                       (funcall report-fn :panic :explanation (inboxlint--stderr))))
                   (kill-buffer (process-buffer proc)))))))
      (process-send-region inboxlint--flymake-proc (point-min) (point-max))
      (process-send-eof inboxlint--flymake-proc))))

(defun inboxlint-flymake-setup ()
  "Turn on Flymake with the inboxlint backend in this buffer."
  (add-hook 'flymake-diagnostic-functions #'inboxlint-flymake nil t)
  (flymake-mode 1))

(provide 'inboxlint)
;;; inboxlint.el ends here
