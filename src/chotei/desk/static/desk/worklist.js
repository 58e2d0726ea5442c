// The worklist's saved filters (issue 9 item 1): a clerk names the current conditions and finds
// them again as a link. They are this browser's own, kept in localStorage, never sent anywhere.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("saved-filters");
  if (!box || !window.localStorage) return;
  const KEY = "chotei.desk.saved-filters";
  const load = () => JSON.parse(localStorage.getItem(KEY) || "[]");
  const render = () => {
    const list = box.querySelector(".list");
    list.replaceChildren();
    load().forEach((saved, i) => {
      const link = document.createElement("a");
      link.href = "?" + saved.query;
      link.textContent = saved.name;
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "link-button";
      drop.textContent = "×";
      drop.setAttribute("aria-label", `「${saved.name}」を削除`);
      drop.addEventListener("click", () => {
        const all = load();
        all.splice(i, 1);
        localStorage.setItem(KEY, JSON.stringify(all));
        render();
      });
      const item = document.createElement("span");
      item.className = "saved";
      item.append(link, drop);
      list.append(item);
    });
  };
  box.querySelector("[data-save-filter]").addEventListener("click", () => {
    const query = new URLSearchParams(new FormData(document.getElementById("case-filters")));
    for (const [k, v] of [...query.entries()]) if (!v) query.delete(k);
    query.delete("page");
    const name = window.prompt("この条件の名前", "");
    if (!name) return;
    localStorage.setItem(KEY, JSON.stringify([...load(), { name, query: query.toString() }]));
    render();
  });
  box.hidden = false;
  render();
});
