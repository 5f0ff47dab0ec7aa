/* Shared by every page: the JSON API client (CSRF token, errors shown calmly) and small DOM helpers.
   Text from the server is always put in the page with textContent, never innerHTML. */
"use strict";
const Review = (() => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const notice = document.getElementById("notice");
  let noticeTimer = null;

  function say(text, kind = "info", sticky = false) {
    notice.textContent = text;
    notice.className = "notice notice-" + kind;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    if (!sticky) noticeTimer = setTimeout(() => { notice.hidden = true; }, 4000);
  }

  async function api(method, path, body) {
    const options = { method, headers: { "Accept": "application/json" } };
    if (method !== "GET") {
      options.headers["X-CSRF-Token"] = token;
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body || {});
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({ detail: response.statusText }));
    if (!response.ok) {
      const error = new Error(data.detail || response.statusText);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("data-")) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) node.append(child);
    return node;
  }

  return { api, say, el, token };
})();
