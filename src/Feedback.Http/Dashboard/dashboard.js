// The dashboard reads the public JSON API only, and refreshes itself every 30 seconds.
"use strict";
(function () {
  const labels = {
    webform: "网页表单 web form", hotline: "热线 hotline", wechat: "微信 WeChat", reviews: "评价 reviews", email: "邮件 e-mail", social: "社媒 social", survey: "问卷 survey",
    consultation: "咨询 consultation", complaint: "投诉 complaint", suggestion: "建议 suggestion", praise: "表扬 praise", informationRequest: "信息需求 information", other: "其他 other",
    product: "产品 product", service: "服务 service", price: "价格 price", logistics: "物流 logistics", accountPayment: "账户支付 account/payment",
    positive: "正面 positive", neutral: "中性 neutral", negative: "负面 negative",
  };
  const name = key => labels[key] || key;
  const charts = {};
  const state = { channel: null, rows: [], period: null };
  window.dashboard = state;

  function pad(n) { return String(n).padStart(2, "0"); }
  function localDay(d) { return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; }
  function isoWeek(d) {
    const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const year = t.getUTCFullYear();
    const week = Math.ceil(((t - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return `${year}-W${pad(week)}`;
  }
  function period(kind, now) {
    return kind === "daily" ? localDay(now) : kind === "weekly" ? isoWeek(now) : `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
  }
  // Signed in with a bearer token (an analyst's key, or an Entra ID token): opened as /dashboard#token=…, the page
  // keeps it for the tab and sends it on every call. A fragment never reaches a server or its logs.
  const given = new URLSearchParams(location.hash.slice(1)).get("token");
  if (given) { sessionStorage.setItem("feedback-token", given); history.replaceState(null, "", location.pathname + location.search); }
  const token = given || sessionStorage.getItem("feedback-token");
  function api(url) { return url; }
  async function json(url) {
    const headers = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(api(url), { headers });
    if (response.status === 401 || response.status === 403) {
      document.getElementById("signin").hidden = false;
      throw new Error(`${url}: ${response.status}`);
    }
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }
  function value(metric, dimension) {
    const row = state.rows.find(r => r.metric === metric && r.dimension === dimension);
    return row ? row.value : 0;
  }
  function dimensions(metric, prefix) {
    return state.rows.filter(r => r.metric === metric && r.dimension.startsWith(prefix) && r.value > 0)
      .map(r => ({ key: r.dimension.slice(prefix.length), value: r.value, drill: r.drill }));
  }
  function percent(x) { return `${Math.round(x * 100)}%`; }

  function draw(id, type, keys, values, colors, onClick) {
    const data = { labels: keys.map(name), datasets: [{ data: values, backgroundColor: colors, borderColor: type === "line" ? "#2b6cb0" : undefined, label: "" }] };
    if (charts[id]) { charts[id].data = data; charts[id].update("none"); return; }
    charts[id] = new Chart(document.getElementById(id), {
      type, data,
      options: {
        animation: false, responsive: true,
        plugins: { legend: { display: type === "pie" || type === "doughnut" } },
        onClick: onClick ? (event, elements) => { if (elements.length) onClick(keys[elements[0].index]); } : undefined,
      },
    });
    charts[id].$keys = keys;
  }

  async function refresh() {
    const kind = document.getElementById("kind").value;
    const now = new Date();
    state.period = period(kind, now);
    const report = await json(`/api/reports/${kind}/${state.period}`);
    state.rows = report.rows;
    state.from = report.from; state.to = report.to;

    document.getElementById("volume").textContent = value("volume", "all");
    document.getElementById("trend-note").textContent = `环比 vs previous: ${value("volume_trend", "all") >= 0 ? "+" : ""}${percent(value("volume_trend", "all"))} · 紧急 urgent ${value("urgent", "all")}`;
    document.getElementById("sla").textContent = value("response_count", "all") ? percent(value("sla_met", "all|response")) : "–";
    document.getElementById("resolution").textContent = `解决率 resolution rate ${percent(value("resolution_rate", "all"))} (目标 target 90%)`;
    const rated = ["满意", "基本满意", "不满意", "no-answer"].map(v => [v, value("satisfaction", v)]);
    const total = rated.reduce((s, [, n]) => s + n, 0);
    document.getElementById("satisfied").textContent = total ? percent(value("satisfaction", "满意") / total) : "–";
    document.getElementById("satisfaction-detail").textContent = rated.map(([v, n]) => `${v === "no-answer" ? "未回复 no answer" : v} ${n}`).join(" · ");

    const channels = dimensions("volume", "channel:");
    draw("channels", "pie", channels.map(c => c.key), channels.map(c => c.value), ["#2b6cb0", "#2f855a", "#b7791f", "#c53030", "#6b46c1", "#319795", "#718096"], key => { state.channel = key; listTickets(); });
    const types = dimensions("volume", "type:");
    draw("types", "bar", types.map(t => t.key), types.map(t => t.value), "#2b6cb0");
    const natures = dimensions("volume", "nature:");
    draw("natures", "bar", natures.map(t => t.key), natures.map(t => t.value), "#319795");
    const sentiments = ["positive", "neutral", "negative"].map(s => ({ key: s, value: value("volume", `sentiment:${s}`) }));
    draw("sentiment", "doughnut", sentiments.map(s => s.key), sentiments.map(s => s.value), ["#2f855a", "#a0aec0", "#c53030"]);
    document.getElementById("topics").innerHTML = "";
    for (const t of state.rows.filter(r => r.metric === "top_topic")) {
      const li = document.createElement("li");
      li.textContent = `${t.dimension.split(":").slice(2).join(":")} (${t.value})`;
      document.getElementById("topics").appendChild(li);
    }

    // The trend: one daily report per day of the last two weeks.
    const days = [...Array(14).keys()].reverse().map(i => new Date(now.getFullYear(), now.getMonth(), now.getDate() - i));
    const daily = await Promise.all(days.map(d => json(`/api/reports/daily/${localDay(d)}`)));
    draw("trend", "line", days.map(localDay), daily.map(r => (r.rows.find(x => x.metric === "volume" && x.dimension === "all") || { value: 0 }).value), "rgba(43,108,176,.2)");

    const warnings = (await json("/api/warnings?limit=200")).warnings.filter(w => ["raised", "verified", "assigned"].includes(w.state));
    const byLevel = [3, 2, 1].map(l => [l, warnings.filter(w => ({ severe: 3, important: 2, general: 1 })[w.level] === l).length]);
    document.getElementById("warnings").innerHTML = byLevel.map(([l, n]) => `<div class="level-${l}">${["", "一般 general", "重要 important", "严重 severe"][l]}: <b>${n}</b></div>`).join("");

    await listTickets();
    document.getElementById("updated").textContent = `更新于 updated ${now.toLocaleTimeString()}`;
  }

  async function listTickets() {
    let url = `/api/tickets?from=${state.from}&to=${state.to}&limit=50`;
    if (state.channel) url += `&channel=${encodeURIComponent(state.channel)}`;
    const tickets = (await json(url)).tickets;
    const body = document.getElementById("tickets");
    body.innerHTML = "";
    for (const t of tickets) {
      const tr = document.createElement("tr");
      tr.dataset.channel = t.channel;
      const link = document.createElement("a");
      link.href = api(`/api/tickets/${encodeURIComponent(t.number)}`);
      link.textContent = t.number;
      const cells = [link, name(t.channel), t.typeLabel || "", t.status, (t.feedback.content || "").slice(0, 60)];
      for (const c of cells) { const td = document.createElement("td"); if (c instanceof Node) td.appendChild(c); else td.textContent = c; tr.appendChild(td); }
      body.appendChild(tr);
    }
    const filter = document.getElementById("filter");
    filter.textContent = state.channel ? `渠道 channel: ${name(state.channel)}` : "";
    if (state.channel) {
      const clear = document.createElement("button");
      clear.className = "clear"; clear.textContent = "全部 all";
      clear.onclick = () => { state.channel = null; listTickets(); };
      filter.appendChild(clear);
    }
    state.listed = tickets.length;
  }

  document.getElementById("kind").addEventListener("change", () => refresh().catch(console.error));
  refresh().then(() => { state.ready = true; }).catch(e => { console.error(e); });
  setInterval(() => refresh().catch(console.error), 30000);
})();
