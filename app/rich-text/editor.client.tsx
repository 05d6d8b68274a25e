import { Editor } from '@tiptap/core'
import { useEffect, useReducer, useRef } from 'react'
import { richTextExtensions } from './extensions'

// The rich-text editor: Tiptap on a contenteditable, with a GOV.UK-styled toolbar. It is
// loaded only by editing pages (this file is imported lazily, in the browser only).
//
// The document lives in a hidden input of the surrounding form, as Tiptap JSON: the editor
// writes it on every change and fires `input` so the form's autosave hears it, and it
// takes new content when the form fires `hub:replace` on the input (a restored draft).

type Props = {
  /** Id of the hidden input that holds the document JSON. */
  inputId: string
  /** Id of the visible label, which names the editor for screen readers. */
  labelId: string
  describedBy?: string
  /** The field's label, to name its toolbar ("Formatting: Evidence for …"). */
  label: string
}

export default function RichTextEditor({ inputId, labelId, describedBy, label }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<Editor | null>(null)
  const [, rerender] = useReducer((n: number) => n + 1, 0)

  useEffect(() => {
    const input = document.getElementById(inputId) as HTMLInputElement | null
    if (!host.current || !input) return
    const parse = (value: string) => {
      try {
        return value ? JSON.parse(value) : ''
      } catch {
        return ''
      }
    }
    const editor = new Editor({
      element: host.current,
      extensions: richTextExtensions(),
      // Its styles are in app.scss: the hub's CSP refuses inline style elements.
      injectCSS: false,
      content: parse(input.value),
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          class: 'hub-editor__content',
          spellcheck: 'true',
        },
      },
      onUpdate: ({ editor }) => {
        input.value = editor.isEmpty ? '' : JSON.stringify(editor.getJSON())
        input.dispatchEvent(new Event('input', { bubbles: true }))
      },
      onSelectionUpdate: () => rerender(),
      onTransaction: () => rerender(),
    })
    const replace = () => editor.commands.setContent(parse(input.value), { emitUpdate: false })
    input.addEventListener('hub:replace', replace)
    editorRef.current = editor
    rerender()
    return () => {
      input.removeEventListener('hub:replace', replace)
      editor.destroy()
      editorRef.current = null
    }
  }, [inputId, labelId, describedBy])

  const editor = editorRef.current
  const run = (fn: (e: Editor) => void) => () => editor && fn(editor)
  const active = (name: string, attrs?: Record<string, unknown>) => !!editor?.isActive(name, attrs)
  const inTable = active('table')

  const setLink = () => {
    if (!editor) return
    const current = editor.getAttributes('link').href as string | undefined
    const href = window.prompt('Link address (starting https://, http:// or mailto:)', current ?? 'https://')
    if (href === null) return
    if (href.trim() === '') editor.chain().focus().extendMarkRange('link').unsetLink().run()
    else if (!editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run()) {
      window.alert('That link address cannot be used. Use a web address starting https:// or http://, or mailto: for email.')
    }
  }

  return (
    <div className="hub-editor" data-testid={`editor-${inputId}`}>
      <div className="hub-editor__toolbar" role="group" aria-label={`Formatting: ${label}`} aria-controls={`${inputId}-editor`}>
        <ToolButton label="Bold" pressed={active('bold')} onClick={run((e) => e.chain().focus().toggleBold().run())} />
        <ToolButton label="Italic" pressed={active('italic')} onClick={run((e) => e.chain().focus().toggleItalic().run())} />
        <ToolButton label="Heading" pressed={active('heading', { level: 3 })} onClick={run((e) => e.chain().focus().toggleHeading({ level: 3 }).run())} />
        <ToolButton label="Bullets" pressed={active('bulletList')} onClick={run((e) => e.chain().focus().toggleBulletList().run())} />
        <ToolButton label="Numbered" pressed={active('orderedList')} onClick={run((e) => e.chain().focus().toggleOrderedList().run())} />
        <ToolButton label="Link" pressed={active('link')} onClick={setLink} />
        {inTable ? (
          <>
            <ToolButton label="Add row" onClick={run((e) => e.chain().focus().addRowAfter().run())} />
            <ToolButton label="Add column" onClick={run((e) => e.chain().focus().addColumnAfter().run())} />
            <ToolButton label="Delete table" onClick={run((e) => e.chain().focus().deleteTable().run())} />
          </>
        ) : (
          <ToolButton label="Table" onClick={run((e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())} />
        )}
      </div>
      <div ref={host} id={`${inputId}-editor`} />
    </div>
  )
}

function ToolButton({ label, pressed, onClick }: { label: string; pressed?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className="govuk-button govuk-button--secondary hub-editor__button"
      aria-pressed={pressed === undefined ? undefined : pressed}
      // Keep the editor's selection: a mouse press on the toolbar must not take focus from it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  )
}
