;;; emacs-probe.el --- drive the Emacs recipes for .ci/nvim-test.sh  -*- lexical-binding: t; -*-

;; Run with: emacs --batch -Q -L DIR -l emacs-probe.el, in a directory that
;; holds flawed.md and clean.md, with $PROBE_OUT set. Writes JSON:
;;   flymake-flawed.json, flymake-clean.json: the Flymake diagnostics of
;;     inboxlint.el's backend when the file is opened (start/end line and
;;     column, type, text); flymake-flawed-saved.json: after fixing line 9
;;     and saving
;;   compile.json: where M-x compile with --format unix takes you, place
;;     after place (compilation-mode's built-in parsing; run first, on the
;;     file as it is on disk)

(require 'inboxlint)
(require 'compile)
(require 'json)

(defvar probe-out (getenv "PROBE_OUT"))

(defun probe-write (name data)
  (with-temp-file (expand-file-name name probe-out)
    (insert (json-encode data))))

(defun probe-char-col ()
  "The 1-based character column of point (not the screen column: an
emoji is one character and two columns wide)."
  (1+ (- (point) (line-beginning-position))))

(defun probe-line-col (pos)
  (save-excursion
    (goto-char pos)
    (list (line-number-at-pos) (probe-char-col))))

(defvar probe-reports 0 "How many times the backend has reported.")
(advice-add 'inboxlint--diagnostics :after (lambda (&rest _) (setq probe-reports (1+ probe-reports))))

(defun probe-wait-report (since)
  "Wait until the backend has reported more than SINCE times."
  (let ((deadline (+ (float-time) 20)))
    (while (and (< (float-time) deadline) (<= probe-reports since))
      (accept-process-output nil 0.05))))

(defun probe-diagnostics ()
  (vconcat
   (mapcar (lambda (d)
             (let ((beg (probe-line-col (flymake-diagnostic-beg d)))
                   (end (probe-line-col (flymake-diagnostic-end d))))
               `((line . ,(nth 0 beg)) (column . ,(nth 1 beg))
                 (endLine . ,(nth 0 end)) (endColumn . ,(nth 1 end))
                 (type . ,(substring (symbol-name (flymake-diagnostic-type d)) 1))
                 (text . ,(flymake-diagnostic-text d)))))
           (sort (flymake-diagnostics)
                 (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun probe-flymake (file name &optional edit)
  "Visit FILE with the recipe on and write its diagnostics to NAME.json.
With EDIT, then call it in the buffer, save, and write NAME-saved.json."
  ;; Visit it in the selected window, as a user does: Flymake waits for a
  ;; buffer to be displayed before it checks it.
  (with-current-buffer (find-file file)
    (let ((n probe-reports))
      (inboxlint-flymake-setup)
      (probe-wait-report n))
    (probe-write (concat name ".json") (probe-diagnostics))
    (when edit
      (let ((n probe-reports))
        (funcall edit)
        (save-buffer)
        (probe-wait-report n))
      (probe-write (concat name "-saved.json") (probe-diagnostics)))))

;; M-x compile RET inboxlint lint --format unix RET, then next-error
;; through every finding (infos too: the default threshold skips them),
;; with the README's setting: inboxlint's columns count characters, and
;; compilation mode reads them as screen columns unless told otherwise.
(setq compilation-skip-threshold 0)
(setq compilation-error-screen-columns nil)
(let ((buf (compile "inboxlint lint --format unix flawed.md"))
      (deadline (+ (float-time) 20))
      (stops '()))
  (while (and (< (float-time) deadline) (get-buffer-process buf))
    (accept-process-output nil 0.05))
  (with-current-buffer buf (goto-char (point-min)))
  (condition-case nil
      (progn
        (first-error)
        (while t
          (let ((w (selected-window)))
            (with-current-buffer (window-buffer w)
              (save-excursion
                (goto-char (window-point w))
                (push `((line . ,(line-number-at-pos)) (column . ,(probe-char-col))
                        (file . ,(file-name-nondirectory (buffer-file-name))))
                      stops))))
          (next-error)))
    (error nil))
  (probe-write "compile.json" (vconcat (nreverse stops))))

;; Flawed: the findings; then fix the draft marker on line 9 and save.
(probe-flymake "flawed.md" "flymake-flawed"
               (lambda ()
                 (goto-char (point-min))
                 (forward-line 8)
                 (delete-region (point) (line-end-position))
                 (insert "use to call the quarter — Priya confirms the time.")))
(probe-flymake "clean.md" "flymake-clean")

(kill-emacs 0)
;;; emacs-probe.el ends here
