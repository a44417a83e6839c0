" inboxlint on save in Vim or Neovim: lint the Markdown template you just
" wrote and put the findings in the quickfix list. Put this in your vimrc
" (or init.vim); inboxlint must be on PATH.
"
" The format is file:line:col: severity: message (rule). inboxlint counts
" columns in characters; %v reads them as screen columns, the same thing
" for text without tabs or double-width characters, where %c (bytes) would
" land short of the finding after é, — or an emoji.
augroup inboxlint
  autocmd!
  autocmd FileType markdown setlocal makeprg=inboxlint\ lint\ --format\ unix\ %
        \ errorformat=%f:%l:%v:\ %t%*[^:]:\ %m
  autocmd BufWritePost *.md,*.markdown silent make! | redraw! | cwindow
augroup END
