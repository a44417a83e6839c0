" inboxlint on save in Vim or Neovim: lint the Markdown template you just
" wrote and put the findings in the quickfix list. Put this in your vimrc
" (or init.vim); inboxlint must be on PATH.
"
" The format is file:line:col: severity: message (rule), the column in
" bytes (the vim format) as %c reads it, so the cursor lands on the
" finding's character after é, —, an emoji or a double-width character.
augroup inboxlint
  autocmd!
  autocmd FileType markdown setlocal makeprg=inboxlint\ lint\ --format\ vim\ %
        \ errorformat=%f:%l:%c:\ %t%*[^:]:\ %m
  autocmd BufWritePost *.md,*.markdown silent make! | redraw! | cwindow
augroup END
