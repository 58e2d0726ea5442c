// 文例の管理: show the placeholder legend of the kind chosen in the editor (CP-05).
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("#propose select[name=kind]");
  if (!select) return;
  const show = () => {
    document.querySelectorAll("#propose .legend-kind").forEach((el) => {
      el.hidden = el.dataset.kind !== select.value;
    });
  };
  select.addEventListener("change", show);
  show();
});
