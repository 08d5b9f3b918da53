// The picture picker (news.admin.PictureAdmin.picker_view), in the window that a text
// editor's picture button opens: a picture chosen, or one just uploaded, goes back into the
// editor's dialog (django-prose-editor calls this through a CKEditor-style callback), and the
// window closes. Opened on its own, it only lists and uploads.
const picker = document.querySelector(".picture-picker")
const call = picker?.dataset.editorCall
const editor = window.opener?.CKEDITOR?.tools

function insert(button) {
  editor.callFunction(call, button.dataset.url, {
    id: button.dataset.picture,
    alternative_text: button.dataset.alt,
  })
  window.close()
}

if (picker && call && editor) {
  picker.querySelector(".picker-alone").hidden = true
  for (const button of picker.querySelectorAll("[data-picture]")) {
    button.hidden = false
    button.addEventListener("click", () => insert(button))
  }
  const uploaded = picker.querySelector("[data-uploaded]")
  if (uploaded) insert(uploaded)
}
